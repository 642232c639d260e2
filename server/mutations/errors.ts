// A write refused for a reason the caller should hear about. Thrown inside the transaction so
// it rolls everything back, and turned into an error ack (or an HTTP 4xx) outside it.
import type { ProtocolError } from '../../shared/protocol';

export class MutationRefused extends Error {
  readonly code: string;
  readonly params: Record<string, string>;

  constructor(code: string, message: string, params: Record<string, string> = {}) {
    super(message);
    this.name = 'MutationRefused';
    this.code = code;
    this.params = params;
  }

  toProtocolError(): ProtocolError {
    return Object.keys(this.params).length === 0
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, params: this.params };
  }
}
