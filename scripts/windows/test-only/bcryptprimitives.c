/* TEST ONLY, NEVER SHIPPED. Debian's Wine 8.0 has no bcryptprimitives.dll, and programs built
 * by Rust >= 1.78 for x86_64-pc-windows-gnu import ProcessPrng from it: without this stand-in
 * they exit with status 53 before main. It forwards to RtlGenRandom (SystemFunction036), which
 * Wine has. Placed beside dxplan.exe by scripts/windows/test-core only. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
