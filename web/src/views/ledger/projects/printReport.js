// Prints one report of the page as an A4 landscape table: the body gets `ql-print-report`
// (the pages' print CSS then hides the header, the menu and everything marked .no-print), and
// an @page rule is added only for this print, so other printouts (the voucher paper) keep
// their own page size.
export function printReport() {
  const style = document.createElement('style')
  style.textContent = '@page { size: A4 landscape; margin: 10mm; }'
  document.head.appendChild(style)
  document.body.classList.add('ql-print-report')
  const done = () => {
    document.body.classList.remove('ql-print-report')
    style.remove()
    window.removeEventListener('afterprint', done)
  }
  window.addEventListener('afterprint', done)
  window.print()
}
