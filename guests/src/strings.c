/* C library string and memory functions, including overlapping memmove,
   and number parsing with strtol/strtoul/atoi. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <errno.h>

static uint32_t crc(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint32_t c = 0xffffffffu;
    while (n--) {
        c ^= *b++;
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
    }
    return ~c;
}

static int sgn(int v) { return (v > 0) - (v < 0); }

int main(void)
{
    /* strlen on many alignments and lengths (word-at-a-time code paths) */
    char buf[300];
    uint32_t lensum = 0;
    for (int off = 0; off < 8; off++) {
        for (int len = 0; len < 70; len++) {
            memset(buf, 'x', sizeof buf);
            buf[off + len] = 0;
            lensum += (uint32_t)strlen(buf + off) * (uint32_t)(off + 1);
        }
    }
    printf("strlen sum=%u\n", lensum);

    /* strcmp / strncmp / memcmp signs */
    const char *pairs[][2] = { { "abc", "abd" }, { "abc", "abc" }, { "abcd", "abc" }, { "", "a" },
                               { "\xff", "\x01" }, { "Hello", "hello" }, { "same prefix X", "same prefix Y" } };
    for (int i = 0; i < 7; i++)
        printf("cmp(\"%s\",\"%s\"): strcmp=%d strncmp3=%d memcmp=%d\n",
               pairs[i][0][0] == '\xff' ? "\\xff" : pairs[i][0],
               pairs[i][1][0] == '\x01' ? "\\x01" : pairs[i][1],
               sgn(strcmp(pairs[i][0], pairs[i][1])),
               sgn(strncmp(pairs[i][0], pairs[i][1], 3)),
               sgn(memcmp(pairs[i][0], pairs[i][1], 1)));

    /* strcpy, strncpy (padding and no-terminator cases), strcat */
    char d[32];
    memset(d, '#', sizeof d);
    strcpy(d, "copy me");
    printf("strcpy: [%s] tail=%c\n", d, d[8]);
    memset(d, '#', sizeof d);
    strncpy(d, "pad", 8);
    printf("strncpy pad: %d %d %d %d %d %c\n", d[3], d[4], d[5], d[6], d[7], d[8]);
    memset(d, '#', sizeof d);
    strncpy(d, "truncate-me", 5);
    d[10] = 0;
    printf("strncpy trunc: [%s]\n", d);
    strcpy(d, "one");
    strcat(d, ",two");
    strncat(d, ",three,four", 6);
    printf("strcat: [%s] len=%u\n", d, (unsigned)strlen(d));

    /* strchr, strrchr, strstr, strspn, strcspn, strpbrk */
    const char *hay = "the quick brown fox jumps over the lazy dog";
    printf("strchr q at %d, strrchr o at %d, strchr NUL at %d, strchr z? %s\n",
           (int)(strchr(hay, 'q') - hay), (int)(strrchr(hay, 'o') - hay),
           (int)(strchr(hay, 0) - hay), strchr(hay, 'Z') ? "yes" : "no");
    printf("strstr the@%d lazy@%d fox jumps@%d cat=%s empty@%d\n",
           (int)(strstr(hay, "the") - hay), (int)(strstr(hay, "lazy") - hay),
           (int)(strstr(hay, "fox jumps") - hay), strstr(hay, "cat") ? "found" : "null",
           (int)(strstr(hay, "") - hay));
    printf("strspn=%u strcspn=%u strpbrk=%s\n", (unsigned)strspn(hay, "ehtq "),
           (unsigned)strcspn(hay, "xyz"), strpbrk(hay, "zyx"));

    /* memmove with overlap in both directions, memcpy, memset */
    char m[64];
    for (int i = 0; i < 64; i++) m[i] = (char)('A' + i % 26);
    memmove(m + 5, m, 30);
    memmove(m + 40, m + 43, 20);
    m[63] = 0;
    printf("memmove: %s\n", m);
    unsigned char big[4096], big2[4096];
    for (int i = 0; i < 4096; i++) big[i] = (unsigned char)(i * 7 + (i >> 8));
    memset(big2, 0x5a, sizeof big2);
    uint32_t acc = 0;
    for (int off = 0; off < 16; off++) {
        memcpy(big2 + off, big + (15 - off), 1000 + off * 13);
        memmove(big2 + off + 1, big2 + off, 500);
        memset(big2 + 2000 + off, off, 77 + off);
        for (int i = 0; i < 4096; i += 3) acc = (acc ^ big2[i]) * 16777619u;
    }
    printf("memcpy/memmove/memset hash=%08x crc=%08x memcmp=%d\n", acc, crc(big2, 1024),
           sgn(memcmp(big, big2, sizeof big)));

    /* memchr, strdup, strtok */
    char *dup = strdup("alpha,beta,,gamma;delta");
    int ntok = 0;
    for (char *t = strtok(dup, ",;"); t; t = strtok(NULL, ",;"))
        printf("tok%d=%s ", ntok++, t);
    printf("\n");
    free(dup);
    printf("memchr: %d\n", (int)((const char *)memchr(hay, 'j', 43) - hay));

    /* number parsing */
    const char *nums[] = { "42", "-17", "  +99xyz", "0x1F", "0755", "z", "2147483647", "-2147483648", "" };
    for (int i = 0; i < 9; i++) {
        char *end;
        long v0 = strtol(nums[i], &end, 0);
        long v10 = strtol(nums[i], NULL, 10);
        printf("\"%s\": strtol0=%ld (used %d) strtol10=%ld atoi=%d\n", nums[i], v0,
               (int)(end - nums[i]), v10, atoi(nums[i]));
    }
    char *e;
    printf("strtol base 36 \"zz\"=%ld base 2 \"1011\"=%ld base 16 \"ffFF\"=%ld\n",
           strtol("zz", &e, 36), strtol("1011", &e, 2), strtol("ffFF", &e, 16));
    printf("strtoul \"4294967295\"=%lu \"0xdeadbeef\"=%lu \"-1\"!=0:%d\n",
           strtoul("4294967295", &e, 10), strtoul("0xdeadbeef", &e, 16),
           strtoul("-1", &e, 10) != 0);
    errno = 0;
    long long ov = strtoll("99999999999999999999", &e, 10);
    printf("strtoll overflow: %lld erange=%d\n", ov, errno == ERANGE);
    errno = 0;
    unsigned long long uv = strtoull("18446744073709551615", &e, 10);
    printf("strtoull max: %llu errno=%d\n", uv, errno);
    return 0;
}
