// libFuzzer's driver, called from each fuzz target's entry point.
//
// SwiftPM links an executable with `--defsym main=<module>_main` (so that its entry point can be
// renamed), and `-parse-as-library` leaves no `<module>_main`: each target defines it with
// `@_cdecl` and hands over to libFuzzer here, instead of libFuzzer's own `main`.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
