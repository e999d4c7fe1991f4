import { defineConfig } from 'vitepress'

// The aws-idc documentation site. Built by `pnpm build` (turbo), tested by docs/test: every page's
// fenced examples are classified (runnable / typecheck / static / output) and the runnable ones run
// against the emulator; the built site is opened in Chromium (console errors, search, axe-core).
export default defineConfig({
  title: 'aws-idc',
  description:
    'Temporary AWS credentials for AWS IAM Identity Center users: sign in once, get credentials in any form, refreshed on their own.',
  lang: 'en-GB',
  cleanUrls: false,
  lastUpdated: false,
  // The pages are the site; the rest of docs/ (its README for people browsing the repository, the
  // scripts and tests) is not.
  srcExclude: ['README.md', 'scripts/**', 'test/**', 'node_modules/**'],
  // Dead internal links fail the build (VitePress's default); anchors are checked by scripts/check-links.mjs.
  ignoreDeadLinks: false,
  head: [['meta', { name: 'theme-color', content: '#232f3e' }]],
  markdown: {
    // High-contrast highlighting: the default themes' comment and punctuation colours fail WCAG AA.
    theme: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
  },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'CLI reference', link: '/cli/reference' },
      { text: 'GitHub Action', link: '/action' },
      { text: 'Node API', link: '/node' },
      { text: 'Emulator', link: '/emulator' },
    ],
    sidebar: [
      {
        text: 'Guide',
        items: [
          { text: 'Getting started', link: '/guide/getting-started' },
          { text: 'Try it on the emulator', link: '/guide/emulator-quickstart' },
          { text: 'Get credentials', link: '/guide/get-credentials' },
          { text: 'Credentials that refresh themselves', link: '/guide/automatic' },
          { text: 'Local credential server and agent-safe exec', link: '/credential-server' },
          { text: 'The account and role picker', link: '/picker' },
          { text: 'Console sign-in', link: '/console' },
          { text: 'Role chaining', link: '/role-chaining' },
          { text: 'Migrating from other tools', link: '/guide/migrating' },
          { text: 'Troubleshooting', link: '/guide/troubleshooting' },
        ],
      },
      {
        text: 'Reference',
        items: [
          { text: 'CLI commands and exit codes', link: '/cli/reference' },
          { text: 'GitHub Action', link: '/action' },
          { text: 'Node API', link: '/node' },
          { text: 'Emulator', link: '/emulator' },
          { text: 'Files and protocols shared with the AWS CLI', link: '/reference' },
          { text: 'Reliability: timeouts, retries, locks', link: '/reliability' },
          { text: 'Performance', link: '/performance' },
        ],
      },
    ],
    search: { provider: 'local' },
    outline: [2, 3],
  },
})
