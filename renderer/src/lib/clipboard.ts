/**
 * Put a table on the clipboard as HTML (pastes as a real table into Word and Excel) and as TSV
 * (plain-text editors, Excel's plain paste). The copy-event route needs no clipboard permission,
 * so it works under Electron's deny-all permission handler; the async Clipboard API is the fallback.
 */
export async function copyHtmlAndText(html: string, text: string): Promise<boolean> {
  let done = false;
  const onCopy = (event: ClipboardEvent) => {
    if (!event.clipboardData) return;
    event.clipboardData.setData('text/html', html);
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
    done = true;
  };
  document.addEventListener('copy', onCopy);
  try {
    document.execCommand('copy');
  } catch {
    // Fall through to the async API.
  } finally {
    document.removeEventListener('copy', onCopy);
  }
  if (done) return true;
  try {
    await navigator.clipboard.write([
      new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([text], { type: 'text/plain' }) }),
    ]);
    return true;
  } catch {
    return false;
  }
}
