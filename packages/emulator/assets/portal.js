// The access portal's behaviour (served as /assets/portal.js; the CSP allows scripts from this origin
// only): the account filter, the account disclosures and the Get-credentials dialog (focus moved in
// and trapped, Escape closes and focus returns, tabs with arrow keys, Copy with the Clipboard API).
// The dialog's content comes from the server (GET /start/credentials), already rendered by @idc/format.

// The access portal's console shortcut, `<start URL>#/console?account_id=…&role_name=…`: the hash
// never reaches the server, so the page forwards it to /start/console (aws-idc console --via portal).
const SHORTCUT = '#/console?'
if (location.hash.startsWith(SHORTCUT))
  location.replace(`/start/console?${location.hash.slice(SHORTCUT.length)}`)

const accounts = document.querySelector('[data-accounts]')
const filter = document.querySelector('#account-filter')
const filterStatus = document.querySelector('#filter-status')
const dialog = document.querySelector('#credentials-dialog')
const dialogBody = dialog?.querySelector('[data-dialog-body]')
const COPIED_MS = 2500

/** Account disclosures: a real button toggling aria-expanded and the roles region's `hidden`. */
function setExpanded(button, expanded) {
  button.setAttribute('aria-expanded', String(expanded))
  const region = document.getElementById(button.getAttribute('aria-controls'))
  if (region) region.hidden = !expanded
}

accounts?.addEventListener('click', (event) => {
  const disclosure = event.target.closest('button[aria-expanded]')
  if (disclosure && accounts.contains(disclosure)) {
    setExpanded(disclosure, disclosure.getAttribute('aria-expanded') !== 'true')
    return
  }
  const opener = event.target.closest('button[data-credentials-url]')
  if (opener) void openCredentials(opener)
})

/** Filter by account name or id, case-insensitively; the count is announced politely. */
function applyFilter() {
  const query = filter.value.trim().toLowerCase()
  let shown = 0
  const items = accounts.querySelectorAll('[data-account]')
  for (const item of items) {
    const match =
      !query ||
      item.dataset.name.toLowerCase().includes(query) ||
      item.dataset.id.includes(query.replace(/[\s-]/g, ''))
    item.hidden = !match
    if (match) shown++
  }
  const empty = document.querySelector('#filter-empty')
  if (empty) empty.hidden = shown !== 0
  if (filterStatus) {
    filterStatus.textContent = query
      ? `${shown} of ${items.length} ${items.length === 1 ? 'account' : 'accounts'} shown`
      : ''
  }
}
filter?.addEventListener('input', applyFilter)

// ------------------------------------------------------------------------- the credentials dialog

let opener = null

function focusables(root) {
  return [...root.querySelectorAll('button, [href], input, [tabindex]:not([tabindex="-1"])')].filter(
    (el) => !el.disabled && el.checkVisibility(),
  )
}

async function openCredentials(button) {
  opener = button
  dialogBody.replaceChildren(message('Getting credentials…', 'status'))
  dialog.showModal()
  dialog.querySelector('[data-dialog-close]').focus()
  let response
  try {
    response = await fetch(button.dataset.credentialsUrl, {
      credentials: 'same-origin',
      headers: { accept: 'text/html' },
    })
  } catch {
    dialogBody.replaceChildren(
      message('The portal could not be reached. Check that it is running and try again.'),
    )
    return
  }
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html')
  const content = doc.querySelector('[data-credentials]')
  if (!dialog.open) return
  if (!content) {
    // Signed out in the meantime (the request was sent to the sign-in page) or an error page.
    const problem = doc.querySelector('.alert')?.textContent?.trim()
    dialogBody.replaceChildren(
      message(problem || 'Your sign-in has ended. Reload the page and sign in again.'),
    )
    return
  }
  dialogBody.replaceChildren(document.importNode(content, true))
  const title = dialogBody.querySelector('h1, h2')
  if (title) dialog.setAttribute('aria-labelledby', title.id)
  // Focus moves to the selected tab: the first control that belongs to the content.
  dialogBody.querySelector('[role="tab"][aria-selected="true"]')?.focus()
}

function message(text, role = 'alert') {
  const p = document.createElement('p')
  p.className = role === 'alert' ? 'alert' : 'muted'
  p.setAttribute('role', role)
  p.textContent = text
  return p
}

dialog?.addEventListener('keydown', (event) => {
  if (event.key !== 'Tab') return
  const items = focusables(dialog)
  if (items.length === 0) return
  const first = items[0]
  const last = items[items.length - 1]
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault()
    first.focus()
  }
})

dialog?.addEventListener('click', (event) => {
  if (event.target.closest('[data-dialog-close]')) dialog.close()
  // A click on the backdrop (the dialog element itself, outside its box) closes it too.
  else if (event.target === dialog) {
    const box = dialog.getBoundingClientRect()
    const inside =
      event.clientX >= box.left &&
      event.clientX <= box.right &&
      event.clientY >= box.top &&
      event.clientY <= box.bottom
    if (!inside) dialog.close()
  }
})

// Escape fires `cancel` and closes the dialog natively; every way of closing returns focus.
dialog?.addEventListener('close', () => {
  dialogBody.replaceChildren()
  opener?.focus()
  opener = null
})

// ------------------------------------------------------------------------- tabs and copy (also on /start/credentials)

function selectTab(tab, focus) {
  const list = tab.closest('[role="tablist"]')
  for (const other of list.querySelectorAll('[role="tab"]')) {
    const selected = other === tab
    other.setAttribute('aria-selected', String(selected))
    other.tabIndex = selected ? 0 : -1
    const panel = document.getElementById(other.getAttribute('aria-controls'))
    if (panel) panel.hidden = !selected
  }
  if (focus) tab.focus()
}

document.addEventListener('click', (event) => {
  const tab = event.target.closest('[role="tab"]')
  if (tab) {
    selectTab(tab, true)
    return
  }
  const copy = event.target.closest('button[data-copy]')
  if (copy) void copyText(copy)
})

document.addEventListener('keydown', (event) => {
  const tab = event.target.closest?.('[role="tab"]')
  if (!tab) return
  const tabs = [...tab.closest('[role="tablist"]').querySelectorAll('[role="tab"]')]
  const index = tabs.indexOf(tab)
  const next = {
    ArrowRight: tabs[(index + 1) % tabs.length],
    ArrowLeft: tabs[(index - 1 + tabs.length) % tabs.length],
    Home: tabs[0],
    End: tabs[tabs.length - 1],
  }[event.key]
  if (next) {
    event.preventDefault()
    selectTab(next, true)
  }
})

const timers = new WeakMap()

/** Copies the exact text of the element named by data-copy; the button shows "Copied" for a while. */
async function copyText(button) {
  const source = document.getElementById(button.dataset.copy)
  if (!source) return
  const label = button.querySelector('[data-label]') ?? button
  const status = button.parentElement.querySelector('[data-copy-status]')
  try {
    await navigator.clipboard.writeText(source.textContent)
  } catch {
    if (status) status.textContent = 'Copy failed: select the text and copy it by hand.'
    return
  }
  button.classList.add('copied')
  label.textContent = 'Copied'
  if (status) status.textContent = 'Copied to the clipboard'
  clearTimeout(timers.get(button))
  timers.set(
    button,
    setTimeout(() => {
      button.classList.remove('copied')
      label.textContent = 'Copy'
      if (status) status.textContent = ''
    }, COPIED_MS),
  )
}
