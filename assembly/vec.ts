// SIMD primitives over f32 rows in linear memory. Rows are padded to a stride
// that is a multiple of 4 floats (pads stay zero), so every loop is whole v128s.
// Arguments are byte offsets; `stride` is in floats.

@inline
export function dot(a: usize, b: usize, stride: i32): f32 {
  let acc = f32x4.splat(0);
  const end = a + (<usize>stride << 2);
  while (a < end) {
    acc = f32x4.add(acc, f32x4.mul(v128.load(a), v128.load(b)));
    a += 16;
    b += 16;
  }
  return f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
}

/** y += alpha * x */
@inline
export function axpy(alpha: f32, x: usize, y: usize, stride: i32): void {
  const a = f32x4.splat(alpha);
  const end = x + (<usize>stride << 2);
  while (x < end) {
    v128.store(y, f32x4.add(v128.load(y), f32x4.mul(a, v128.load(x))));
    x += 16;
    y += 16;
  }
}

/** x *= alpha */
@inline
export function scale(alpha: f32, x: usize, stride: i32): void {
  const a = f32x4.splat(alpha);
  const end = x + (<usize>stride << 2);
  while (x < end) {
    v128.store(x, f32x4.mul(a, v128.load(x)));
    x += 16;
  }
}

/** Fills `stride` floats at x with zeros. */
@inline
export function zero(x: usize, stride: i32): void {
  memory.fill(x, 0, <usize>stride << 2);
}
