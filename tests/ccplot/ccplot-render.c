/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Draws the handout's congestion plot (ccplot.c) of points read from
 * standard input, one per line: "t_us flight rwnd phase event" (decimal),
 * as a small XHTML page on standard output, for a look in a browser.
 *
 *   tcpteach-ccplot-render LANG SENDER < points > page.html   (LANG: en, zh) */
#include "ccplot.h"
#include "strbuf.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s en|zh SENDER < points\n", argv[0]);
        return 2;
    }
    tt_lang lang = strcmp(argv[1], "zh") == 0 ? TT_LANG_ZH : TT_LANG_EN;
    size_t n = 0, cap = 1024;
    tt_ccplot_point *p = malloc(cap * sizeof *p);
    if (p == NULL)
        return 1;
    uint64_t t;
    unsigned flight, rwnd, phase, event;
    while (scanf("%" SCNu64 " %u %u %u %u", &t, &flight, &rwnd, &phase, &event) == 5) {
        if (n == cap) {
            tt_ccplot_point *q = realloc(p, 2 * cap * sizeof *p);
            if (q == NULL)
                break;
            p = q;
            cap *= 2;
        }
        p[n++] = (tt_ccplot_point){t, flight, rwnd, (uint8_t)phase, (uint8_t)event};
    }
    char *buf = malloc(TT_CCPLOT_SVG_MAX);
    if (buf == NULL) {
        free(p);
        return 1;
    }
    tt_sb b;
    tt_sb_init(&b, buf, TT_CCPLOT_SVG_MAX);
    tt_ccplot_svg(&b, p, n, argv[2], lang);
    printf("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta "
           "charset=\"utf-8\"/><style>body{font-family:\"DejaVu Sans\",\"WenQuanYi Zen "
           "Hei\",sans-serif;margin:10px;width:780px}figure{margin:0}figcaption{font-size:13px;"
           "margin-top:4px}</style></head><body>\n%s</body></html>\n",
           buf);
    free(buf);
    free(p);
    return b.cut ? 1 : 0;
}
