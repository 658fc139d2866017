/* Reads all of standard input and prints line, word and byte counts, the
   longest line, a character-class histogram and a CRC-32 of the bytes. */
#include <stdio.h>
#include <stdint.h>

int main(void)
{
    uint32_t crc = 0xffffffffu;
    unsigned long lines = 0, words = 0, bytes = 0, longest = 0, cur = 0, longest_at = 0;
    unsigned long letters = 0, digits = 0, spaces = 0, punct = 0, high = 0;
    int inword = 0;
    unsigned char buf[700];     /* odd size: many partial reads of stdio's buffer */
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
        for (size_t i = 0; i < n; i++) {
            unsigned c = buf[i];
            bytes++;
            crc ^= c;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
            if (c == '\n') {
                lines++;
                if (cur > longest) { longest = cur; longest_at = lines; }
                cur = 0;
            } else {
                cur++;
            }
            int sp = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
            if (sp) { inword = 0; spaces++; }
            else if (!inword) { inword = 1; words++; }
            if ((c | 32) >= 'a' && (c | 32) <= 'z') letters++;
            else if (c >= '0' && c <= '9') digits++;
            else if (c >= 0x80) high++;
            else if (!sp && c > ' ' && c < 0x7f) punct++;
        }
    }
    if (cur > longest) { longest = cur; longest_at = lines + 1; }
    printf("%lu %lu %lu\n", lines, words, bytes);
    printf("longest line: %lu chars (line %lu)\n", longest, longest_at);
    printf("letters=%lu digits=%lu spaces=%lu punct=%lu high=%lu\n", letters, digits, spaces, punct, high);
    printf("crc32=%08x\n", ~crc);
    fprintf(stderr, "wc: read %lu bytes\n", bytes);
    return 0;
}
