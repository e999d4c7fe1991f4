#!/usr/bin/env node
// The plugin as a CLI of its own, for tests that need real processes (pipes, a terminal): what
// `aws-idc` does with this plugin installed, without the rest of the CLI.
import { execute } from '@oclif/core'

await execute({ dir: import.meta.url })
