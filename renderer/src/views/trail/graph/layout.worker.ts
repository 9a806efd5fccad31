/// <reference lib="webworker" />
import { runLayout, type LayoutRequest } from './layout';

/** Runs the force layout off the UI thread; positions stream back as it settles. A new graph gets a new worker. */
self.onmessage = (ev: MessageEvent<LayoutRequest>) => {
  runLayout(ev.data, (m) => (self as unknown as Worker).postMessage(m, [m.positions.buffer]));
};
