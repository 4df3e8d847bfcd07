" SPDX-License-Identifier: GPL-2.0-only
" pktdrill and packetdrill test scripts: *.pkt (pktdrill-script(5))
autocmd BufRead,BufNewFile *.pkt setfiletype pktdrill
