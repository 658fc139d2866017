/* CRC-32 (IEEE 802.3, reflected 0xEDB88320): bitwise and table-driven
   versions, the standard check value, incremental updates, and Adler-32. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static uint32_t table[256];

static void make_table(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
}

static uint32_t crc_update(uint32_t crc, const uint8_t *p, size_t n)
{
    uint32_t c = ~crc;
    while (n--) c = table[(c ^ *p++) & 0xff] ^ (c >> 8);
    return ~c;
}

static uint32_t crc_bitwise(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
    }
    return ~c;
}

static uint32_t adler32(const uint8_t *p, size_t n)
{
    /* reduce only every 5552 bytes: the sums cannot overflow before that */
    uint32_t a = 1, b = 0;
    while (n) {
        size_t k = n < 5552 ? n : 5552;
        n -= k;
        while (k--) { a += *p++; b += a; }
        a %= 65521u;
        b %= 65521u;
    }
    return (b << 16) | a;
}

static uint8_t data[16384];

int main(void)
{
    make_table();
    printf("table[1]=%08x table[128]=%08x table[255]=%08x\n", table[1], table[128], table[255]);
    const char *check = "123456789";
    printf("crc32(\"123456789\") = %08x (expect cbf43926)\n", crc_update(0, (const uint8_t *)check, 9));
    printf("crc32(\"\") = %08x\n", crc_update(0, (const uint8_t *)"", 0));
    const char *fox = "The quick brown fox jumps over the lazy dog";
    printf("crc32(fox) = %08x (expect 414fa339)\n", crc_update(0, (const uint8_t *)fox, strlen(fox)));
    printf("adler32(\"Wikipedia\") = %08x (expect 11e60398)\n", adler32((const uint8_t *)"Wikipedia", 9));

    uint32_t s = 1;
    for (size_t i = 0; i < sizeof data; i++) {
        s = s * 1103515245u + 12345u;
        data[i] = (uint8_t)(s >> 16);
    }
    uint32_t whole = crc_update(0, data, sizeof data);
    uint32_t part = 0;
    for (size_t off = 0; off < sizeof data; off += 1000)
        part = crc_update(part, data + off, sizeof data - off < 1000 ? sizeof data - off : 1000);
    uint32_t bits = crc_bitwise(data, 2048);
    printf("crc32(16 KiB) = %08x incremental = %08x match=%d\n", whole, part, whole == part);
    printf("crc32 first 2 KiB: bitwise=%08x table=%08x\n", bits, crc_update(0, data, 2048));
    printf("adler32(16 KiB) = %08x\n", adler32(data, sizeof data));

    /* Appending the CRC (little-endian) yields the fixed residue. */
    uint8_t msg[20];
    memcpy(msg, "residue test", 12);
    uint32_t c = crc_update(0, msg, 12);
    for (int i = 0; i < 4; i++) msg[12 + i] = (uint8_t)(c >> (8 * i));
    printf("crc over msg+crc = %08x (expect 2144df1c)\n", crc_update(0, msg, 16));
    return 0;
}
