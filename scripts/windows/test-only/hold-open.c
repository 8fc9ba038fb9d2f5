/* TEST ONLY, NEVER SHIPPED. Holds a file open the way another Windows program does, until it
 * is killed, so the tests can see what dxplan.exe does then:
 *   hold-open.exe exclusive FILE READY   no sharing at all (a locked file)
 *   hold-open.exe word FILE READY        read and write access, others may only read (Word
 *                                        with a document open)
 * READY is created once the file is held. */
#include <windows.h>
#include <wchar.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc < 4)
        return 2;
    DWORD share = wcscmp(argv[1], L"word") == 0 ? FILE_SHARE_READ : 0;
    HANDLE held = CreateFileW(argv[2], GENERIC_READ | GENERIC_WRITE, share, NULL, OPEN_EXISTING,
                              FILE_ATTRIBUTE_NORMAL, NULL);
    if (held == INVALID_HANDLE_VALUE)
        return 1;
    HANDLE ready = CreateFileW(argv[3], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL,
                               NULL);
    if (ready != INVALID_HANDLE_VALUE)
        CloseHandle(ready);
    Sleep(INFINITE);
    return 0;
}
