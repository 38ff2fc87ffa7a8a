// An independent CENC decryptor: reads an init segment and media segments with MP4Box.js (GPAC's parser), takes
// the scheme and tenc from the init segment, the samples from trun, and each sample's IV and subsamples from the
// auxiliary information that saiz/saio point to (checked to be where senc, or PIFF's uuid box, holds it), decrypts with Node's crypto
// ('cenc': AES-CTR across the protected ranges of a sample; 'cbcs': AES-CBC from the constant or per-sample IV on
// the 1:N pattern of each subsample, whole blocks of audio) and compares every sample, byte for byte, with the same
// segment served clear.
//
//   node decrypt.mjs KEY(32 hex) INIT [ENCRYPTED CLEAR]...
//
// A segment whose tfhd names a clear sample entry (a clear lead) must equal the clear one as it is.
// Prints one JSON line per segment pair: {"segment", "samples", "entry", "protectedBytes", "equal", "firstMismatch"}.
import { createDecipheriv } from 'node:crypto';
import { parseMp4 as parse } from './lib/mp4file.mjs';

const child = (box, type) => (box.boxes ?? []).find((b) => b.type === type);

// The protection of each sample entry, in stsd order: null for a clear one (a clear lead's).
function protections(init) {
  const moov = init.boxes.find((b) => b.type === 'moov');
  const stsd = child(child(child(child(child(moov, 'trak'), 'mdia'), 'minf'), 'stbl'), 'stsd');
  return stsd.entries.map((entry) => {
    const sinf = child(entry, 'sinf') ?? (entry.sinfs ?? [])[0];
    return sinf ? protection(sinf) : null;
  });
}

function protection(sinf) {
  const tenc = child(child(sinf, 'schi'), 'tenc');
  return {
    scheme: child(sinf, 'schm').scheme_type,
    ivSize: tenc.default_Per_Sample_IV_Size,
    constantIv: tenc.default_constant_IV ? Buffer.from(tenc.default_constant_IV) : null,
    crypt: tenc.default_crypt_byte_block ?? 0,
    skip: tenc.default_skip_byte_block ?? 0,
  };
}

// Every sample of a segment's (single) track fragment: its bytes and, when the segment is encrypted, its
// auxiliary information read at the offsets saio gives.
function samples(segment, ivSize) {
  const moof = segment.boxes.find((b) => b.type === 'moof');
  const traf = child(moof, 'traf');
  const tfhd = child(traf, 'tfhd');
  // Which sample entry the fragment's samples use (1 unless tfhd names another).
  const entry = (tfhd.flags & 2) ? tfhd.default_sample_description_index : 1;
  const base = (tfhd.flags & 1) ? Number(tfhd.base_data_offset) : moof.start;
  const out = [];
  for (const trun of traf.boxes.filter((b) => b.type === 'trun')) {
    let at = base + trun.data_offset;
    for (let i = 0; i < trun.sample_count; i++) {
      const size = trun.sample_size?.[i] ?? tfhd.default_sample_size;
      out.push({ data: segment.bytes.subarray(at, at + size) });
      at += size;
    }
  }
  // senc, or in Smooth fragments PIFF's sample encryption box (uuid a2394f52-…), which holds the same entries.
  const senc = child(traf, 'senc') ?? (traf.boxes ?? []).find((b) => b.box_name === 'PiffSampleEncryptionBox');
  const saiz = child(traf, 'saiz'), saio = child(traf, 'saio');
  if (saiz && saio) {
    if (saiz.sample_count !== out.length) throw new Error(`saiz lists ${saiz.sample_count} samples, trun ${out.length}`);
    let aux = base + Number(saio.offset[0]);
    if (!senc || aux !== senc.start + senc.hdr_size + 4) throw new Error(`saio points to ${aux}, not into senc after its sample count`);
    for (let i = 0; i < out.length; i++) {
      const size = saiz.default_sample_info_size || saiz.sample_info_size[i];
      const info = segment.bytes.subarray(aux, aux + size);
      aux += size;
      const iv = info.subarray(0, ivSize);
      const subsamples = [];
      if (size > ivSize) {
        const count = info.readUInt16BE(ivSize);
        for (let s = 0; s < count; s++) {
          const at = ivSize + 2 + s * 6;
          subsamples.push([info.readUInt16BE(at), info.readUInt32BE(at + 2)]);
        }
      }
      out[i].iv = iv;
      out[i].subsamples = subsamples;
    }
  }
  out.entry = entry;
  return out;
}

// The protected ranges [start, end) of a sample: its subsamples' protected parts, or the whole sample.
function ranges(sample) {
  if (!sample.subsamples || sample.subsamples.length === 0) return [[0, sample.data.length]];
  const out = [];
  let at = 0;
  for (const [clear, encrypted] of sample.subsamples) {
    at += clear;
    out.push([at, at + encrypted]);
    at += encrypted;
  }
  if (at !== sample.data.length) throw new Error(`subsamples cover ${at} of ${sample.data.length} bytes`);
  return out;
}

function decrypt(sample, p, key) {
  const data = Buffer.from(sample.data);
  let protectedBytes = 0;
  if (p.scheme === 'cenc') {
    const iv = Buffer.alloc(16);
    sample.iv.copy(iv);
    const parts = ranges(sample);
    const joined = Buffer.concat(parts.map(([s, e]) => data.subarray(s, e)));
    const clear = createDecipheriv('aes-128-ctr', key, iv).update(joined);
    let at = 0;
    for (const [s, e] of parts) { clear.copy(data, s, at, at + (e - s)); at += e - s; }
    protectedBytes = joined.length;
  } else if (p.scheme === 'cbcs') {
    const iv = p.constantIv ?? Buffer.concat([sample.iv, Buffer.alloc(16 - sample.iv.length)]);
    for (const [s, e] of ranges(sample)) {
      // The blocks under the pattern (every block when there is none), one CBC chain per subsample.
      const blocks = [];
      for (let b = s, n = 0; b + 16 <= e; b += 16, n++)
        if (p.crypt === 0 || n % (p.crypt + p.skip) < p.crypt) blocks.push(b);
      if (blocks.length === 0) continue;
      const decipher = createDecipheriv('aes-128-cbc', key, iv).setAutoPadding(false);
      const clear = decipher.update(Buffer.concat(blocks.map((b) => data.subarray(b, b + 16))));
      blocks.forEach((b, i) => clear.copy(data, b, i * 16, i * 16 + 16));
      protectedBytes += blocks.length * 16;
    }
  } else throw new Error(`scheme ${p.scheme} is neither cenc nor cbcs`);
  return { data, protectedBytes };
}

const [keyHex, initPath, ...pairs] = process.argv.slice(2);
const key = Buffer.from(keyHex, 'hex');
const entries = protections(parse(initPath));
const first = entries.find((e) => e !== null);
if (!first) throw new Error(`${initPath} has no protected sample entry`);
for (let i = 0; i + 1 < pairs.length; i += 2) {
  const encrypted = samples(parse(pairs[i]), first.ivSize);
  const clear = samples(parse(pairs[i + 1]), 0);
  if (encrypted.length !== clear.length) throw new Error(`${pairs[i]}: ${encrypted.length} samples, clear ${clear.length}`);
  if (!(encrypted.entry - 1 in entries)) throw new Error(`${pairs[i]}: tfhd names sample entry ${encrypted.entry} of ${entries.length}`);
  const p = entries[encrypted.entry - 1];
  let protectedBytes = 0, firstMismatch = -1;
  encrypted.forEach((sample, n) => {
    const result = p === null ? { data: Buffer.from(sample.data), protectedBytes: 0 } : decrypt(sample, p, key);
    protectedBytes += result.protectedBytes;
    if (firstMismatch < 0 && !result.data.equals(clear[n].data)) firstMismatch = n;
  });
  console.log(JSON.stringify({ segment: pairs[i], samples: encrypted.length, entry: encrypted.entry, protectedBytes, equal: firstMismatch < 0, firstMismatch }));
}
