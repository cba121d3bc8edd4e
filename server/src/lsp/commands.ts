/** Commands the server executes (workspace/executeCommand); arguments: [documentUri]. */
export const SERVER_COMMANDS = { maskAll: 'sdguard.server.maskAll', redactAll: 'sdguard.server.redactAll' } as const;
