import { EventEmitter } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';

/**
 * MessagePortMain over a real Node MessagePort: messages are structured-cloned exactly as they
 * would be between processes. Like Electron's, it queues messages until start().
 */
export class MockMessagePort extends EventEmitter {
  private started = false;
  constructor(readonly port: MessagePort) {
    super();
    port.on('close', () => this.emit('close'));
    port.unref();
  }
  postMessage(message: unknown): void {
    this.port.postMessage(message);
  }
  start(): void {
    if (this.started) return;
    this.started = true;
    this.port.on('message', (data) => this.emit('message', { data, ports: [] }));
    this.port.unref();
  }
  close(): void {
    this.port.close();
  }
}

export class MockMessageChannelMain {
  readonly port1: MockMessagePort;
  readonly port2: MockMessagePort;
  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port1 = new MockMessagePort(port1);
    this.port2 = new MockMessagePort(port2);
  }
}

/** What the code inside a utilityProcess sees: process.parentPort, and a way to exit. */
export interface ChildSide {
  parentPort: { on(event: 'message', listener: (e: { data: unknown; ports?: any[] }) => void): unknown; postMessage(m: unknown): void };
  exit(code: number): void;
}

/**
 * A utilityProcess whose "child" runs in this process: a test installs the real core host with
 * MockUtilityProcess.onFork. Messages are cloned and delivered asynchronously, as across processes.
 */
export class MockUtilityProcess extends EventEmitter {
  static forked: MockUtilityProcess[] = [];
  static onFork?: (child: ChildSide, proc: MockUtilityProcess) => void;
  readonly pid = 40000 + MockUtilityProcess.forked.length;
  exited = false;
  exitCode?: number;
  private readonly inbox = new EventEmitter();
  readonly child: ChildSide;

  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
    this.child = {
      parentPort: {
        on: (event, listener) => this.inbox.on(event, listener),
        postMessage: (m) => setImmediate(() => !this.exited && this.emit('message', structuredClone(m))),
      },
      exit: (code) => this.exit(code),
    };
  }

  postMessage(message: unknown, transfer: MockMessagePort[] = []): void {
    const data = structuredClone(message);
    setImmediate(() => !this.exited && this.inbox.emit('message', { data, ports: transfer }));
  }

  kill(): boolean {
    this.exit(-15);
    return true;
  }

  /** Ends the child, e.g. to play a crash. */
  exit(code: number): void {
    if (this.exited) return;
    this.exited = true;
    this.exitCode = code;
    setImmediate(() => this.emit('exit', code));
  }

  static fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}): MockUtilityProcess {
    const proc = new MockUtilityProcess(modulePath, args, options);
    MockUtilityProcess.forked.push(proc);
    MockUtilityProcess.onFork?.(proc.child, proc);
    return proc;
  }
}
