/// A day of the proleptic Gregorian calendar, from a count of days since 1970-01-01 (what an ISO 8601 UTC time
/// prints), by Howard Hinnant's `civil_from_days`: exact for every Int64 second count, no tables, no time zone.
struct CivilDate: Hashable {
    /// The year; 0 is 1 BC, as ISO 8601 counts.
    var year: Int64
    /// 1...12.
    var month: Int
    /// 1...31.
    var day: Int

    init(year: Int64, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    init(daysSinceEpoch days: Int64) {
        // Shift the epoch to 0000-03-01, so that the leap day ends each 400-year era's year.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let marchMonth = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * marchMonth + 2) / 5 + 1)
        month = Int(marchMonth < 10 ? marchMonth + 3 : marchMonth - 9)
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }
}
