/**
 * Streams the elements of one top-level array of a large JSON document (`vulnerabilities` of an NVD
 * page or year file, `products` of the CPE dictionary, `vulnerabilities` of KEV) without holding the
 * document: a structural scanner walks the bytes (quotes, backslashes, braces, brackets; `indexOf` skips
 * through strings), slices out each element's text when its closing bracket arrives, and the caller
 * parses it with the native `JSON.parse` (the design of decision 0002, here over any chunk stream, e.g.
 * a gunzip stream, and for any array key). The other top-level members (the header: `totalResults`,
 * `catalogVersion`, …) are collected and parsed at the end.
 *
 * Memory is bounded by the largest element plus the header. Structural damage (a truncated file,
 * unbalanced brackets) raises {@link JsonStructureError} with the byte offset; a malformed element is the
 * caller's to report (its text fails `JSON.parse`) and the stream goes on.
 */

export class JsonStructureError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} (byte ${offset})`);
    this.name = 'JsonStructureError';
  }
}

export interface ArrayElement {
  /** 0-based position in the array. */
  readonly index: number;
  /** The element's JSON text. */
  readonly text: string;
  /** Byte offset of the element's first byte in the document. */
  readonly offset: number;
}

const QUOTE = 34, BACKSLASH = 92, LBRACE = 123, RBRACE = 125, LBRACK = 91, RBRACK = 93, COMMA = 44;

/** Push-style scanner: feed chunks, collect the elements each chunk completed. */
export class ArrayElementScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private keyStart = -1;
  private keyPieces: Buffer[] = [];
  private lastKey = '';
  private inTarget = false;
  private sawTarget = false;
  private elemStart = -1; // in current chunk; -2 = continues from an earlier chunk
  private elemScalar = false;
  private elemOffset = 0;
  private pieces: Buffer[] = [];
  private header: Buffer[] = [];
  private headerStart = -1;
  private index = 0;
  private offset = 0;

  constructor(private readonly arrayKey: string) {}

  /** Scans one chunk; returns the elements it completed. */
  push(buf: Buffer): ArrayElement[] {
    const out: ArrayElement[] = [];
    const n = buf.length;
    if (this.elemStart === -2) this.elemStart = 0;
    if (this.headerStart === -2) this.headerStart = 0;
    if (this.keyStart === -2) this.keyStart = 0;
    let i = 0;
    // the next backslash is searched for again only once we are past the last one found (a fresh search
    // per string would rescan the rest of the chunk when there is none)
    let nextBackslash = buf.indexOf(BACKSLASH);
    while (i < n) {
      if (this.inString) {
        if (this.escaped) { this.escaped = false; i++; continue; }
        const q = buf.indexOf(QUOTE, i);
        if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = buf.indexOf(BACKSLASH, i);
        const b = nextBackslash;
        if (b !== -1 && (q === -1 || b < q)) { i = b + 1; this.escaped = true; continue; }
        if (q === -1) { i = n; continue; }
        this.inString = false;
        if (this.keyStart !== -1) {
          this.keyPieces.push(buf.subarray(this.keyStart, q));
          this.lastKey = Buffer.concat(this.keyPieces).toString('utf8');
          this.keyPieces = [];
          this.keyStart = -1;
        }
        i = q + 1;
        if (this.elemScalar && this.depth === 2) this.finishScalar(buf, i, out);
        continue;
      }
      const c = buf[i]!;
      const atElementSlot = this.inTarget && this.depth === 2 && this.elemStart === -1;
      if (atElementSlot && c > 32 && c !== COMMA && c !== RBRACK) {
        // an element starts here
        this.elemStart = i;
        this.elemOffset = this.offset + i;
        this.pieces = [];
        if (c !== LBRACE && c !== LBRACK) {
          this.elemScalar = true;
          if (c === QUOTE) { this.inString = true; i++; continue; }
          i++;
          continue;
        }
      } else if (this.elemScalar && this.depth === 2 && (c === COMMA || c === RBRACK || c <= 32)) {
        this.finishScalar(buf, i, out);
      }
      switch (c) {
        case QUOTE:
          this.inString = true;
          if (this.depth === 1 && !this.inTarget) { this.keyStart = i + 1; this.keyPieces = []; }
          break;
        case LBRACE:
        case LBRACK:
          if (this.depth === 0) {
            if (c !== LBRACE) throw new JsonStructureError(`expected a JSON object with a "${this.arrayKey}" array, found an array`, this.offset + i);
            this.headerStart = i;
          } else if (this.depth === 1 && c === LBRACK && this.lastKey === this.arrayKey && !this.sawTarget) {
            this.inTarget = true;
            this.sawTarget = true;
            this.header.push(Buffer.from(buf.subarray(this.headerStart, i + 1)));
            this.headerStart = -1;
          }
          this.depth++;
          break;
        case RBRACE:
        case RBRACK:
          this.depth--;
          if (this.depth < 0) throw new JsonStructureError(`unexpected '${String.fromCharCode(c)}'`, this.offset + i);
          if (this.inTarget && this.depth === 2 && this.elemStart !== -1) {
            this.pieces.push(buf.subarray(this.elemStart, i + 1));
            this.emit(out);
          } else if (this.inTarget && this.depth === 1) {
            this.inTarget = false;
            this.headerStart = i;
          } else if (this.depth === 0) {
            this.header.push(Buffer.from(buf.subarray(this.headerStart, i + 1)));
            this.headerStart = -1;
          }
          break;
        default:
          if (this.depth === 0 && c > 32) throw new JsonStructureError(`unexpected '${String.fromCharCode(c)}' outside the document`, this.offset + i);
      }
      i++;
    }
    if (this.elemStart >= 0) { this.pieces.push(Buffer.from(buf.subarray(this.elemStart))); this.elemStart = -2; }
    if (this.headerStart >= 0) { this.header.push(Buffer.from(buf.subarray(this.headerStart))); this.headerStart = -2; }
    if (this.keyStart >= 0) { this.keyPieces.push(Buffer.from(buf.subarray(this.keyStart))); this.keyStart = -2; }
    this.offset += n;
    return out;
  }

  private finishScalar(buf: Buffer, end: number, out: ArrayElement[]): void {
    this.pieces.push(buf.subarray(this.elemStart === -2 ? 0 : this.elemStart, end));
    this.emit(out);
  }

  private emit(out: ArrayElement[]): void {
    const text = this.pieces.length === 1 ? this.pieces[0]!.toString('utf8') : Buffer.concat(this.pieces).toString('utf8');
    out.push({ index: this.index++, text, offset: this.elemOffset });
    this.pieces = [];
    this.elemStart = -1;
    this.elemScalar = false;
  }

  /** Ends the document: checks it is whole and returns its header (the top-level members other than the array). */
  end(): { header: Record<string, unknown>; sawArray: boolean } {
    if (this.depth !== 0 || this.inString) throw new JsonStructureError('the document ends inside a value (truncated?)', this.offset);
    let header: Record<string, unknown> = {};
    if (this.header.length > 0) {
      const text = Buffer.concat(this.header).toString('utf8');
      try {
        header = JSON.parse(text) as Record<string, unknown>; // the array's elements are cut out: `"key":[]`
      } catch {
        header = {};
      }
      delete header[this.arrayKey];
    }
    return { header, sawArray: this.sawTarget };
  }
}

/** Async form: the elements of `arrayKey` from a chunk stream; `onEnd` receives the header. */
export async function* streamArrayElements(
  chunks: AsyncIterable<Buffer>, arrayKey: string, onEnd?: (header: Record<string, unknown>, sawArray: boolean) => void,
): AsyncGenerator<ArrayElement> {
  const scanner = new ArrayElementScanner(arrayKey);
  for await (const chunk of chunks) {
    for (const e of scanner.push(chunk)) yield e;
  }
  const { header, sawArray } = scanner.end();
  onEnd?.(header, sawArray);
}
