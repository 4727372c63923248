// Fires every fixture event once with edge values of every argument kind: the end-to-end tests read them
// back from an LTTng trace (or stderr) and compare field by field.

let marker = UnsafeRawPointer(bitPattern: 0xdead_beef)

trace_fixture_strings("hello", "", nil, "Grüße, 世界")
trace_fixture_signed(.min, .min, .min, .min)
trace_fixture_signed(.max, .max, .max, .max)
trace_fixture_unsigned(.min, .min, .min, .min)
trace_fixture_unsigned(.max, .max, .max, .max)
trace_fixture_c_types(.min, .min, .min, .min, .min, .min, .min, .min, .min)
trace_fixture_c_types(.max, .max, .max, .max, .max, .max, .max, .max, .max)
trace_fixture_pointer_bool(marker, nil, true, false)
trace_fixture_keywords(-1, 2, 3, 4)
trace_fixture_no_arguments()
trace_fixture_no_format(42)
trace_fixture_disabled(7)
print("fired")
