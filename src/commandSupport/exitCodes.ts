/**
 * Exit code of a command line that is wrong in itself (unknown, missing or conflicting flags, malformed flag
 * values), the code oclif gives its own parse errors; our checks of flag combinations that oclif cannot
 * express use it too. A command that fails or is refused exits 1; 68 is partial success (README "Exit codes").
 */
export const BAD_COMMAND_LINE_EXIT = 2;
