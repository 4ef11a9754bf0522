/** The streamed body of GET /export. */
import { PassThrough } from 'node:stream';

/**
 * The body of an export: the bundle's text as export-service writes it. Once the client has gone
 * (Fastify destroys the stream), a write throws, so the export stops reading pages instead of
 * waiting for a 'drain' that never comes.
 */
export class BundleStream extends PassThrough {
  private wrote = false;
  readonly firstWrite: Promise<void>;
  private started!: () => void;

  constructor() {
    super();
    this.firstWrite = new Promise((resolve) => (this.started = resolve));
    this.once('close', () => this.emit('drain'));
  }

  override write(chunk: unknown, ...rest: unknown[]): boolean {
    if (this.destroyed) throw new Error('The client closed the connection during the export.');
    if (!this.wrote) {
      this.wrote = true;
      this.started();
    }
    return (super.write as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
  }
}
