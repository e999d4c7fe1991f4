// The row modules and the harness are plain ESM (.mjs): run as they are by `node`, no build step.
declare module '*.mjs'
