/* Matrix multiply: 32-bit integers (with wrap) and doubles, naive and
   transposed loop orders, plus a double LU-free determinant by Gaussian
   elimination with partial pivoting. */
#include <stdio.h>
#include <stdint.h>

#define N 40
#define D 24

static int32_t A[N][N], B[N][N], C[N][N], C2[N][N], BT[N][N];
static double X[D][D], Y[D][D], Z[D][D];

int main(void)
{
    uint32_t s = 7;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            s = s * 1664525u + 1013904223u;
            A[i][j] = (int32_t)(s >> 20) - 2048;
            s = s * 1664525u + 1013904223u;
            B[i][j] = (int32_t)(s >> 22) - 512;
        }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int32_t acc = 0;
            for (int k = 0; k < N; k++) acc += A[i][k] * B[k][j];
            C[i][j] = acc;
            BT[j][i] = B[i][j];
        }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int32_t acc = 0;
            for (int k = 0; k < N; k++) acc += A[i][k] * BT[j][k];
            C2[i][j] = acc;
        }
    int64_t trace = 0;
    uint32_t h = 0;
    int same = 1;
    for (int i = 0; i < N; i++) {
        trace += C[i][i];
        for (int j = 0; j < N; j++) {
            h = h * 31u + (uint32_t)C[i][j];
            if (C[i][j] != C2[i][j]) same = 0;
        }
    }
    printf("int: C[0][0]=%d C[%d][%d]=%d trace=%lld hash=%08x orders agree=%d\n",
           C[0][0], N - 1, N - 1, C[N - 1][N - 1], (long long)trace, h, same);

    /* power of a small integer matrix with wrap-around */
    uint32_t M[4][4] = { { 1, 1, 0, 0 }, { 1, 0, 1, 0 }, { 0, 1, 0, 1 }, { 1, 0, 0, 1 } };
    uint32_t P[4][4] = { { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 1 } };
    for (int e = 0; e < 100; e++) {
        uint32_t T[4][4];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) {
                uint32_t acc = 0;
                for (int k = 0; k < 4; k++) acc += P[i][k] * M[k][j];
                T[i][j] = acc;
            }
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) P[i][j] = T[i][j];
    }
    printf("M^100 row0: %u %u %u %u\n", P[0][0], P[0][1], P[0][2], P[0][3]);

    for (int i = 0; i < D; i++)
        for (int j = 0; j < D; j++) {
            X[i][j] = 1.0 / (i + j + 1);          /* Hilbert-like */
            Y[i][j] = (double)((i * 7 + j * 3) % 11) - 5.0 + 0.25 * (i == j);
        }
    for (int i = 0; i < D; i++)
        for (int j = 0; j < D; j++) {
            double acc = 0;
            for (int k = 0; k < D; k++) acc += X[i][k] * Y[k][j];
            Z[i][j] = acc;
        }
    double tr = 0, fro = 0;
    for (int i = 0; i < D; i++) {
        tr += Z[i][i];
        for (int j = 0; j < D; j++) fro += Z[i][j] * Z[i][j];
    }
    printf("double: Z[0][0]=%.17g Z[%d][%d]=%.17g trace=%.17g sumsq=%.17g\n",
           Z[0][0], D - 1, D - 1, Z[D - 1][D - 1], tr, fro);

    /* determinant of Y by Gaussian elimination with partial pivoting */
    double W[D][D];
    for (int i = 0; i < D; i++)
        for (int j = 0; j < D; j++) W[i][j] = Y[i][j] + (i == j ? 10.0 : 0.0);
    double det = 1;
    for (int c = 0; c < D; c++) {
        int piv = c;
        for (int r = c + 1; r < D; r++)
            if ((W[r][c] < 0 ? -W[r][c] : W[r][c]) > (W[piv][c] < 0 ? -W[piv][c] : W[piv][c])) piv = r;
        if (piv != c) {
            for (int j = 0; j < D; j++) { double t = W[c][j]; W[c][j] = W[piv][j]; W[piv][j] = t; }
            det = -det;
        }
        det *= W[c][c];
        for (int r = c + 1; r < D; r++) {
            double f = W[r][c] / W[c][c];
            for (int j = c; j < D; j++) W[r][j] -= f * W[c][j];
        }
    }
    printf("det = %.10e\n", det);
    return 0;
}
