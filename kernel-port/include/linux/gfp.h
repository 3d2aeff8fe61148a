/* SPDX-License-Identifier: GPL-2.0 */
/* STUBBED: allocation flags; only __GFP_ZERO changes behaviour here. */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#define __GFP_ZERO 0x100u
#define __GFP_NOWARN 0x200u
#define GFP_KERNEL 0x1u
#define GFP_ATOMIC 0x2u
#define GFP_NOWAIT 0x4u
#define GFP_USER 0x8u

#endif /* _LINUX_GFP_H */
