export { axpy, dot, gemm, gemv, gemvT, gram, scal } from './blas.js';
export { choleskyInPlace, choleskySolve, spdInverseInPlace } from './cholesky.js';
export { type SymmetricEigen, symmetricEigen } from './symmetric-eigen.js';
