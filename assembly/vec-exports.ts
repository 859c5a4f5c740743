import { dot } from './vec';

export function dotRows(a: usize, b: usize, stride: i32): f32 {
  return dot(a, b, stride);
}
