// The default theme with colours that pass WCAG AA contrast (axe-core checks every page in the tests).
import DefaultTheme from 'vitepress/theme'
import './custom.css'

export default DefaultTheme
