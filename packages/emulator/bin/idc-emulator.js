#!/usr/bin/env node
// A committed entry so package managers can link the bin before `dist/` is built; the CLI itself
// is dist/bin.js (src/bin.ts).
import '../dist/bin.js'
