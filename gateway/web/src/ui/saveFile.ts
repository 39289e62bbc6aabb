/** Saves a fetched file (an object URL of a token-fetched blob) under a name, through a temporary download link. */
export function saveFile(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
