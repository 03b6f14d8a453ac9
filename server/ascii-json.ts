// Server side only (Node's Buffer): the state image and the snapshot file write their JSON with it.
// JSON text in ASCII only: every character outside it as a \uXXXX escape, which JSON.parse reads back
// exactly (surrogate pairs included). ASCII reads back from a file as a one-byte string by a plain copy,
// where UTF-8 decoding of Vietnamese text is slow and doubles the string's size. A text already in ASCII
// (its UTF-8 length is its length, counted natively) is returned as it is: the scan with a replacement
// costs ≈ 13 ns a character — seconds over a million events' declarations.

export const asciiJson = (json: string): string =>
  Buffer.byteLength(json, 'utf8') === json.length ? json : json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
