// Text trace formats (Zeek, nfdump, Suricata, raw traces) see whole lines:
// bytes are decoded as UTF-8 across chunk boundaries and split on "\n"
// ("\r\n" too). A "line" longer than MAX_LINE is refused rather than buffered:
// that is a binary file or the wrong decoder, not a trace.
import type { TraceDecoder } from '../packet-sink';

const MAX_LINE = 1 << 20;

/** A text trace that cannot be read; `line` is 1-based. */
export class TraceLineError extends Error {
  constructor(
    readonly format: string,
    readonly line: number,
    problem: string,
    fileName?: string,
  ) {
    super(`${fileName ? `${fileName}: ` : ''}${format}: line ${line}: ${problem}`);
    this.name = 'TraceLineError';
  }
}

export abstract class LineDecoder implements TraceDecoder {
  private readonly utf8 = new TextDecoder('utf-8');
  private rest = '';
  private lineNumber = 0;
  private sawBytes = false;

  /** `fileName`, when given, starts every error message. */
  constructor(
    protected readonly format: string,
    protected readonly fileName?: string,
  ) {}

  /** One line without its terminator; empty lines are not passed. */
  protected abstract line(text: string, lineNumber: number): void;

  /** All lines seen: throw here if the input as a whole was unusable. */
  protected abstract finish(lines: number): void;

  currentLine(): number {
    return this.lineNumber;
  }

  protected fail(line: number, problem: string): never {
    throw new TraceLineError(this.format, line, problem, this.fileName);
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.sawBytes = true;
    this.split(this.rest + this.utf8.decode(chunk, { stream: true }));
  }

  end(): void {
    const text = this.rest + this.utf8.decode();
    this.rest = '';
    if (text.length > 0) this.emit(text);
    this.finish(this.sawBytes ? this.lineNumber : 0);
  }

  private split(text: string): void {
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      this.emit(text.slice(from, nl));
      from = nl + 1;
    }
    this.rest = from === 0 ? text : text.slice(from);
    if (this.rest.length > MAX_LINE) {
      this.fail(this.lineNumber + 1, `no line break in the first ${MAX_LINE} characters: not a text trace`);
    }
  }

  private emit(text: string): void {
    this.lineNumber++;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.length > 0) this.line(text, this.lineNumber);
  }
}
