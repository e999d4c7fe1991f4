import { mergeConfig } from 'vitest/config'
import { commands } from '../../vitest.shared.js'

export default mergeConfig(commands, {})
