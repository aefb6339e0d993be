/**
 * A hash table from 15-character Salesforce ids to 18-character ids, packed in one Uint32Array: each id is
 * read as base-62 digits (0-9, A-Z, a-z: ids are case-sensitive), five digits to a 32-bit word (62^5 < 2^32),
 * so an entry takes 7 words (28 bytes) outside the JavaScript heap, where a Map of strings takes about 150
 * bytes of heap per entry (two string objects and the map's own slots) and makes the garbage collector walk
 * them all. Open addressing with linear probing; entries are never removed (the id map only grows).
 */
const KEY_WORDS = 3;
const VALUE_WORDS = 4;
const SLOT_WORDS = KEY_WORDS + VALUE_WORDS;
/** No 5-digit base-62 number reaches it, so it marks an empty slot. */
const EMPTY = 0xffffffff;
const INITIAL_SLOTS = 1024;
const MAX_LOAD = 0.75;
/**
 * The table grows by half, not by doubling (slots are found by modulo, not by a mask): it then takes 1.5 rather
 * than 2 million slots for a million entries (42 rather than 59 MB), and a re-sync of a large org holds two
 * such tables, its id map and the history's.
 */
const GROWTH = 1.5;
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export class PackedIdTable {
  private slots = newSlots(INITIAL_SLOTS);
  private capacity = INITIAL_SLOTS;
  private count = 0;
  private readonly key = new Uint32Array(KEY_WORDS);
  private readonly value = new Uint32Array(VALUE_WORDS);

  public get size(): number {
    return this.count;
  }

  /** Whether `id` (15 characters) and `targetId` (18) are plain base-62 ids that this table can hold. */
  public static fits(id: string, targetId: string): boolean {
    return id.length === 15 && targetId.length === 18 && isBase62(id) && isBase62(targetId);
  }

  /**
   * Makes room for this many entries in all, at once: a table filled from a file whose entry count is known
   * (the history's segments) is then built without growing through every size on the way.
   */
  public reserve(entries: number): void {
    if (entries / this.capacity <= MAX_LOAD) return;
    this.grow(Math.ceil(entries / MAX_LOAD) + 1);
  }

  /** Stores `targetId` for `id`; both must pass `fits`. */
  public set(id: string, targetId: string): void {
    pack(id, this.key);
    pack(targetId, this.value);
    let slot = this.find(this.key);
    if (this.slots[slot * SLOT_WORDS] === EMPTY) {
      if ((this.count + 1) / this.capacity > MAX_LOAD) {
        this.grow();
        slot = this.find(this.key);
      }
      this.count++;
    }
    const base = slot * SLOT_WORDS;
    this.slots.set(this.key, base);
    this.slots.set(this.value, base + KEY_WORDS);
  }

  /** The 18-character id stored for a 15-character id, if any (undefined for ids the table cannot hold). */
  public get(id: string): string | undefined {
    const base = this.slotOf(id);
    return base === undefined ? undefined : unpack(this.slots, base + KEY_WORDS);
  }

  /** Whether a 15-character id is stored: without spelling out its value (children ask it of every parent). */
  public has(id: string): boolean {
    return this.slotOf(id) !== undefined;
  }

  /** Where `id`'s entry starts in `slots`, if it has one. */
  private slotOf(id: string): number | undefined {
    if (id.length !== 15 || !isBase62(id)) return undefined;
    pack(id, this.key);
    const base = this.find(this.key) * SLOT_WORDS;
    return this.slots[base] === EMPTY ? undefined : base;
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  private find(key: Uint32Array): number {
    const capacity = this.capacity;
    // The hash scaled to the capacity (a multiply, exact in a double: 2^32 x capacity < 2^53), not a modulo of
    // a number past int32, which V8 computes in floating point.
    let slot = Math.floor((hash(key) * capacity) / 4294967296);
    for (;;) {
      const base = slot * SLOT_WORDS;
      const first = this.slots[base];
      if (first === EMPTY || (first === key[0] && this.slots[base + 1] === key[1] && this.slots[base + 2] === key[2])) return slot;
      slot = slot + 1 === capacity ? 0 : slot + 1;
    }
  }

  private grow(capacity = Math.ceil(this.capacity * GROWTH)): void {
    const old = this.slots;
    this.capacity = capacity;
    this.slots = newSlots(this.capacity);
    for (let base = 0; base < old.length; base += SLOT_WORDS) {
      if (old[base] === EMPTY) continue;
      const entry = old.subarray(base, base + SLOT_WORDS);
      this.slots.set(entry, this.find(entry) * SLOT_WORDS);
    }
  }
}

function newSlots(capacity: number): Uint32Array {
  return new Uint32Array(capacity * SLOT_WORDS).fill(EMPTY);
}

function digit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 65 && code <= 90) return code - 55; // A-Z
  if (code >= 97 && code <= 122) return code - 61; // a-z
  return -1;
}

function isBase62(id: string): boolean {
  for (let index = 0; index < id.length; index++) if (digit(id.charCodeAt(index)) < 0) return false;
  return true;
}

/** Five characters to a word; a last, shorter group (an 18-character id's checksum) is read the same way. */
function pack(id: string, into: Uint32Array): void {
  for (let word = 0; word < into.length; word++) {
    let number = 0;
    for (let index = word * 5; index < Math.min(id.length, word * 5 + 5); index++) number = number * 62 + digit(id.charCodeAt(index));
    into[word] = number;
  }
}

/** Character codes of the digits, and of the 18-character id being spelled out (one string made per call). */
const DIGIT_CODES = Array.from(DIGITS, (char) => char.charCodeAt(0));
const spelled = new Array<number>(18).fill(0);

/** The 18-character id packed at `offset` (four words: three of five digits, one of three). */
function unpack(words: Uint32Array, offset: number): string {
  for (let word = 0; word < VALUE_WORDS; word++) {
    const first = word * 5;
    let number = words[offset + word];
    for (let index = Math.min(first + 5, 18) - 1; index >= first; index--) {
      spelled[index] = DIGIT_CODES[number % 62];
      number = Math.floor(number / 62);
    }
  }
  return String.fromCharCode.apply(null, spelled);
}

function hash(key: Uint32Array): number {
  let h = Math.imul(key[0] ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ key[1] ^ (h >>> 15), 0xc2b2ae35);
  h = Math.imul(h ^ key[2] ^ (h >>> 13), 0x27d4eb2f);
  return (h ^ (h >>> 16)) >>> 0;
}
