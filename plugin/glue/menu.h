/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcpteach glue: the "TCP Teaching" menu of the Wireshark GUI (menu.c). */
#ifndef TCPTEACH_MENU_H
#define TCPTEACH_MENU_H

/* Registers Tools > TCP Teaching (once, with the protocol). */
void tt_menu_register(void);

#endif
