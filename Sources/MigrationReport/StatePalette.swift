/// The colour of each device state in the pictures: the same hue for a v2 state and the v1 bits that mean it.
enum StatePalette {
    static func colour(of state: String) -> String {
        switch state {
        case "RUNNING", "running": "#43a047"
        case "RUNNING_P2P": "#a5d6a7"
        case "PRE_COPY", "pre-copy": "#1e88e5"
        case "PRE_COPY_P2P": "#90caf9"
        case "STOP_COPY", "stop-and-copy": "#fb8c00"
        case "STOP", "stop": "#9e9e9e"
        case "RESUMING", "resuming": "#8e24aa"
        case "ERROR", "error": "#e53935"
        default: "#fdd835"
        }
    }

    static func colour(ofPhase phase: String) -> String {
        switch phase {
        case "setup", "header": "#b0bec5"
        case "iterate": "#1e88e5"
        case "stop-and-copy": "#fb8c00"
        case "device-config": "#ffb74d"
        case "awaiting-reply", "await-go-ahead": "#ffe082"
        case "load": "#8e24aa"
        case "cleanup": "#ce93d8"
        case "start", "completed": "#43a047"
        default: "#cfd8dc"
        }
    }
}
