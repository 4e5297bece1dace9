// Bytes of a manifest file to text the way kubectl reads them: UTF-8, unless a byte order mark says UTF-16
// (k8s.io/cli-runtime's FileVisitor decodes with unicode.BOMOverride over a UTF-8 decoder). Windows
// PowerShell's `kubectl get -o yaml > file.yaml` writes UTF-16 LE with a BOM: such files are valid inputs,
// not "binary content". The BOM itself is not part of the text. Without a BOM, UTF-16 is not guessed (its
// NUL bytes make the parser report the file as not YAML text), as kubectl does not guess either.

export function decodeManifestBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(bytes.subarray(2, bytes.length - (bytes.length % 2)));
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    // big endian: swap each pair (the 'utf-16be' decoder needs a Node built with full ICU)
    const n = bytes.length - 2 - ((bytes.length - 2) % 2);
    const le = new Uint8Array(n);
    for (let i = 0; i < n; i += 2) { le[i] = bytes[i + 3]; le[i + 1] = bytes[i + 2]; }
    return new TextDecoder('utf-16le').decode(le);
  }
  // the UTF-8 decoder drops a UTF-8 BOM (ignoreBOM is false by default)
  return new TextDecoder('utf-8').decode(bytes);
}
