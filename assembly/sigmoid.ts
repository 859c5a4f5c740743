// The logistic function as word2vec.c tabulates it: 1000 entries over [-6, 6].
// Outside that range we CLAMP as word2vec.c does (the gradient is label - 0 or
// label - 1), where gensim skips the pair instead; clamping keeps the gradient of
// a badly-placed pair instead of dropping it. Beside the sigmoid the region holds
// the two logistic losses at the same points, for the running loss.

export const SIGMOID_SIZE: i32 = 1000;
export const SIGMOID_MAX: f32 = 6;
/** Bytes of the table region: sigmoid, then -log sigma(x), then -log(1 - sigma(x)). */
export const SIGMOID_TABLE_BYTES: i32 = SIGMOID_SIZE * 3 * 4;

export function fillSigmoidTable(table: usize): void {
  for (let i = 0; i < SIGMOID_SIZE; i++) {
    const x = (<f64>i / <f64>SIGMOID_SIZE * 2.0 - 1.0) * <f64>SIGMOID_MAX;
    const e = Math.exp(x);
    store<f32>(table + (<usize>i << 2), <f32>(e / (e + 1.0)));
    store<f32>(table + (<usize>(i + SIGMOID_SIZE) << 2), <f32>Math.log(1.0 + 1.0 / e));
    store<f32>(table + (<usize>(i + 2 * SIGMOID_SIZE) << 2), <f32>Math.log(1.0 + e));
  }
}
