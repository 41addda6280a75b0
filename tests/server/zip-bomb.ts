/** Test helper: a zip bomb whose entry claims a small size (tests of POST /api/imports). */
import { Deflate, strToU8 } from 'fflate';

const MiB = 1024 * 1024;

/** Deflated zeros, `mebibytes` of them, made a MiB at a time. */
function deflatedZeros(mebibytes: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const deflate = new Deflate({ level: 9 }, (chunk) => parts.push(chunk));
  const zeros = new Uint8Array(MiB);
  for (let i = 0; i < mebibytes; i += 1) deflate.push(zeros, i === mebibytes - 1);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * A zip of `others` (stored) and `bomb.txt`: `mebibytes` of deflated zeros that the zip claims to
 * be 100 bytes, in its local header and in its central directory alike.
 */
export function lyingZip(mebibytes: number, others: Record<string, Uint8Array>): Uint8Array {
  // fflate's zip writer takes precompressed data only through its streaming API, and it writes
  // true sizes: the zip is laid out by hand.
  const data = deflatedZeros(mebibytes);
  const entries = [
    ...Object.entries(others).map(([name, body]) => ({ name: strToU8(name), method: 0, body, size: body.length })),
    { name: strToU8('bomb.txt'), method: 8, body: data, size: 100 },
  ];
  const local: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const header = new Uint8Array(30 + e.name.length);
    const h = new DataView(header.buffer);
    h.setUint32(0, 0x04034b50, true);
    h.setUint16(4, 20, true);
    h.setUint16(6, 0x800, true);
    h.setUint16(8, e.method, true);
    h.setUint32(14, 0, true); // CRC: not checked by the streaming reader
    h.setUint32(18, e.body.length, true);
    h.setUint32(22, e.size, true);
    h.setUint16(26, e.name.length, true);
    header.set(e.name, 30);
    const dir = new Uint8Array(46 + e.name.length);
    const d = new DataView(dir.buffer);
    d.setUint32(0, 0x02014b50, true);
    d.setUint16(4, 20, true);
    d.setUint16(6, 20, true);
    d.setUint16(8, 0x800, true);
    d.setUint16(10, e.method, true);
    d.setUint32(20, e.body.length, true);
    d.setUint32(24, e.size, true);
    d.setUint16(28, e.name.length, true);
    d.setUint32(42, offset, true);
    dir.set(e.name, 46);
    local.push(header, e.body);
    central.push(dir);
    offset += header.length + e.body.length;
  }
  const dirSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const z = new DataView(end.buffer);
  z.setUint32(0, 0x06054b50, true);
  z.setUint16(8, entries.length, true);
  z.setUint16(10, entries.length, true);
  z.setUint32(12, dirSize, true);
  z.setUint32(16, offset, true);
  const parts = [...local, ...central, end];
  const zip = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    zip.set(part, at);
    at += part.length;
  }
  return zip;
}

