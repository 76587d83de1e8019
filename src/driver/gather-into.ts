/**
 * Gathering the typed arrays a scatter sent, without isolation (no shared memory): the
 * result buffer is made once and handed from engine to engine, each writing its part at its
 * offset, instead of each engine copying its part into a new buffer and the driver
 * concatenating the copies into another. Every new buffer is paid in page faults as it is
 * first written (about 40 ms for 64 MiB on the development machine), so one buffer written
 * once moves the data about twice as fast as two copies of it. The engines take turns
 * (a buffer can be in one place only); each checks its part is still the typed array the
 * scatter sent, and answers otherwise with its value as `pull` would, so the gather is
 * always right and only its speed depends on the check.
 */
import { estimateBytes } from '../core/cloneable';
import { isTypedArray, TYPED_ARRAY_CONSTRUCTORS } from '../core/partition';
import type { PourTarget } from '../protocol/messages';
import type { EngineLink } from './engine-link';
import { joinParts } from './shared-memory';

/** A typed array constructor, as a pour uses it. */
interface TypedConstructor {
  new (buffer: ArrayBuffer, byteOffset?: number, length?: number): ArrayBufferView;
  readonly BYTES_PER_ELEMENT: number;
  readonly prototype: object;
}

/** Where each engine's part goes in the result: its type, offsets and lengths in items. */
export interface PourLayout {
  type: string;
  ctor: TypedConstructor;
  bytesPerItem: number;
  offsets: number[];
  lengths: number[];
  /** Items in all. */
  total: number;
}

/** Typed array constructors by name (plain ones only: a subclass is gathered as before). */
const TYPED = new Map<string, TypedConstructor>(
  TYPED_ARRAY_CONSTRUCTORS.map((c) => [c.name, c as TypedConstructor]),
);

/** The name of `seq`'s constructor when it is a plain typed array, else undefined. */
export function plainTypedName(seq: unknown): string | undefined {
  if (!isTypedArray(seq)) return undefined;
  const proto: unknown = Object.getPrototypeOf(seq);
  for (const [name, ctor] of TYPED) if (ctor.prototype === proto) return name;
  return undefined;
}

/**
 * Below this many bytes in all a gather copies as before: its engines answer at once, where
 * a pour's take turns (a round trip each), and the copies are too small to fault much.
 */
export const MIN_POUR_BYTES = 64 * 1024;

/**
 * The layout of a gather of `name` over `engines` when every one holds a part a scatter
 * sent, all of one type, {@link MIN_POUR_BYTES} or more in all; undefined when not (the
 * gather then copies as before).
 */
export function pourLayout(engines: readonly EngineLink[], name: string): PourLayout | undefined {
  const parts = engines.map((e) => e.parts.get(name));
  const type = parts[0]?.type;
  const ctor = type === undefined ? undefined : TYPED.get(type);
  if (!ctor || parts.some((p) => p?.type !== type)) return undefined;
  const lengths = parts.map((p) => p!.length);
  const offsets: number[] = [];
  let total = 0;
  for (const n of lengths) {
    offsets.push(total);
    total += n;
  }
  if (total * ctor.BYTES_PER_ELEMENT < MIN_POUR_BYTES) return undefined;
  return { type: type!, ctor, bytesPerItem: ctor.BYTES_PER_ELEMENT, offsets, lengths, total };
}

/**
 * One gather's pour: the result buffer, which goes with the first engine's request
 * ({@link target}) and on to the next engine waiting for it as each answers ({@link take}).
 */
export class Pour {
  private buffer: ArrayBuffer;
  /** Per engine: undefined when it poured its part, else `{ v }`, the value it sent instead. */
  private readonly answers: ({ v: unknown } | undefined)[] = [];
  /** The buffer is lost (an engine failed): the engines still waiting answer as pulls. */
  broken = false;

  constructor(readonly layout: PourLayout) {
    this.buffer = new ArrayBuffer(layout.total * layout.bytesPerItem);
  }

  /** Where engine `slot` writes its part; the first engine's request carries the buffer. */
  target(slot: number): PourTarget {
    const { layout } = this;
    return {
      ...(slot === 0 ? { buffer: this.buffer } : {}),
      byteOffset: layout.offsets[slot]! * layout.bytesPerItem,
      type: layout.type,
      length: layout.lengths[slot]!,
    };
  }

  /** The buffer as the last engine gave it back, for the next one. */
  get current(): ArrayBuffer {
    return this.buffer;
  }

  /**
   * Takes engine `slot`'s answer (throws when it is not a pour: the call then fails). After
   * the last engine's, returns every engine's part: views of the buffer, which is whole
   * again only now, or the values engines sent instead.
   */
  take(slot: number, reply: unknown): unknown[] | undefined {
    const { layout } = this;
    const bytes = layout.lengths[slot]! * layout.bytesPerItem;
    if (!Array.isArray(reply) || (reply.length !== 1 && reply.length !== 2)) {
      throw new Error('the engine answered a gather with something that is not a pour');
    }
    const region: unknown = reply[0];
    if (
      !(region instanceof Uint8Array) ||
      region.byteLength !== bytes ||
      region.byteOffset !== layout.offsets[slot]! * layout.bytesPerItem ||
      region.buffer.byteLength !== layout.total * layout.bytesPerItem
    ) {
      throw new Error("the engine answered a gather without the gather's buffer");
    }
    this.buffer = region.buffer as ArrayBuffer;
    this.answers[slot] = reply.length === 2 ? { v: reply[1] } : undefined;
    if (slot < layout.lengths.length - 1) return undefined;
    return layout.lengths.map((length, i) => {
      const answer = this.answers[i];
      return answer
        ? answer.v
        : new layout.ctor(this.buffer, layout.offsets[i]! * layout.bytesPerItem, length);
    });
  }

  /**
   * Bytes engine `slot`'s answer brought: its part (the rest of the buffer it handed back
   * is the other engines'), and the value it sent instead of pouring.
   */
  replyBytes(slot: number, reply: unknown): number {
    const part = this.layout.lengths[slot]! * this.layout.bytesPerItem;
    return Array.isArray(reply) && reply.length === 2 ? part + estimateBytes(reply[1]) : part;
  }

  /**
   * The gathered value from the engines' parts: the whole buffer as one typed array when
   * every engine poured, else the parts joined as any gather joins them.
   */
  result(parts: unknown[]): unknown {
    if (this.answers.length === this.layout.lengths.length && this.answers.every((a) => !a)) {
      return new this.layout.ctor(this.buffer);
    }
    return joinParts(parts);
  }
}
