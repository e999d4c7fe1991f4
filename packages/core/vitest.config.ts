import { mergeConfig } from 'vitest/config'
import { engine } from '../../vitest.shared.js'

export default mergeConfig(engine, {})
