import type { AutomationApi } from '../src/protocol/messages';

declare global {
  interface Window {
    fanout: AutomationApi;
  }
}
