import { inflateSync } from "node:zlib";

/**
 * A small PNG reader for the tests: the signature, IHDR, and the pixels of an 8-bit RGBA or RGB
 * image (what resvg writes), unfiltered. Enough to check a picture without trusting the renderer.
 */
export interface DecodedPng {
  width: number;
  height: number;
  channels: number;
  pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function decodePng(png: Buffer): DecodedPng {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG");
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data.readUInt8(8);
      const colour = data.readUInt8(9);
      if (depth !== 8 || (colour !== 6 && colour !== 2))
        throw new Error(`unsupported PNG ${depth}/${colour}`);
      channels = colour === 6 ? 4 : 3;
    }
    if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  return {
    width,
    height,
    channels,
    pixels: unfilter(inflateSync(Buffer.concat(idat)), width, height, channels),
  };
}

function unfilter(raw: Buffer, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? (out[y * stride + i - bpp] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + i] ?? 0) : 0;
      const c = i >= bpp && y > 0 ? (out[(y - 1) * stride + i - bpp] ?? 0) : 0;
      const x = line[i] ?? 0;
      const value =
        filter === 0
          ? x
          : filter === 1
            ? x + a
            : filter === 2
              ? x + b
              : filter === 3
                ? x + ((a + b) >> 1)
                : x + paeth(a, b, c);
      out[y * stride + i] = value & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Share of pixels that are not (near) white: a blank picture is 0. */
export function inkShare(img: DecodedPng): number {
  let ink = 0;
  for (let i = 0; i < img.pixels.length; i += img.channels) {
    if ((img.pixels[i] ?? 255) < 240 || (img.pixels[i + 1] ?? 255) < 240 || (img.pixels[i + 2] ?? 255) < 240)
      ink++;
  }
  return ink / (img.width * img.height);
}

/** Share of pixels that differ between two pictures of the same size. */
export function differingShare(a: DecodedPng, b: DecodedPng): number {
  let differ = 0;
  for (let i = 0; i < a.pixels.length; i += a.channels) {
    if (
      a.pixels[i] !== b.pixels[i] ||
      a.pixels[i + 1] !== b.pixels[i + 1] ||
      a.pixels[i + 2] !== b.pixels[i + 2]
    )
      differ++;
  }
  return differ / (a.width * a.height);
}
