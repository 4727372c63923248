/* libbabeltrace2's umbrella header (Debian: libbabeltrace2-dev), for Swift. */
#include <babeltrace2/babeltrace.h>
