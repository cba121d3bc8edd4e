/** The CLI's exit codes: 0 nothing found (or done), 1 findings reported, 2 usage, configuration or runtime error. */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;
