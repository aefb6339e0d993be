/** Thrown inside the scanner to unwind to the offset of the first invalid character. */
class InvalidAt extends Error {
  public constructor(public readonly offset: number) {
    super(`invalid JSON at offset ${offset}`);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function isHexDigit(char: string | undefined): boolean {
  return char !== undefined && /^[0-9a-fA-F]$/.test(char);
}

/**
 * The offset of the first character at which `text` stops being JSON (RFC 8259), the text's length when it
 * ends too early, or undefined when it is valid JSON.
 *
 * Why not V8's message: Node 22 leaves the position out of its most common one, the trailing comma of an
 * array (`Unexpected token ']', ..."3,]}" is not valid JSON`), so users would be sent to the end of the file.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let at = 0;
  // Annotated so that TypeScript knows the code after a call is unreachable.
  const fail: () => never = () => {
    throw new InvalidAt(at);
  };
  const skipSpace = (): void => {
    while (at < text.length && WHITESPACE.has(text[at])) at++;
  };
  const expect = (char: string): void => {
    if (text[at] !== char) fail();
    at++;
  };
  const digits = (): void => {
    if (!isDigit(text[at])) fail();
    while (isDigit(text[at])) at++;
  };
  const string = (): void => {
    expect('"');
    for (;;) {
      const char = text[at];
      if (char === undefined || char < ' ') fail();
      at++;
      if (char === '"') return;
      if (char !== '\\') continue;
      if (text[at] === 'u') {
        at++;
        for (let i = 0; i < 4; i++) {
          if (!isHexDigit(text[at])) fail();
          at++;
        }
      } else if (ESCAPES.has(text[at])) at++;
      else fail();
    }
  };
  const number = (): void => {
    if (text[at] === '-') at++;
    if (text[at] === '0') at++;
    else digits();
    if (text[at] === '.') {
      at++;
      digits();
    }
    if (text[at] === 'e' || text[at] === 'E') {
      at++;
      if (text[at] === '+' || text[at] === '-') at++;
      digits();
    }
  };
  const members = (close: string, member: () => void): void => {
    at++;
    skipSpace();
    if (text[at] === close) {
      at++;
      return;
    }
    for (;;) {
      member();
      skipSpace();
      if (text[at] !== ',') break;
      at++;
    }
    expect(close);
  };
  const value = (): void => {
    skipSpace();
    const char = text[at];
    if (char === '{') {
      members('}', () => {
        skipSpace();
        string();
        skipSpace();
        expect(':');
        value();
      });
    } else if (char === '[') members(']', value);
    else if (char === '"') string();
    else if (char === '-' || isDigit(char)) number();
    else {
      const word = ['true', 'false', 'null'].find((literal) => literal[0] === char);
      if (!word) fail();
      for (const letter of word) expect(letter);
    }
  };

  try {
    value();
    skipSpace();
    if (at < text.length) fail();
    return undefined;
  } catch (error) {
    if (error instanceof InvalidAt) return error.offset;
    // Nesting deep enough to overflow the stack: no position to give.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
