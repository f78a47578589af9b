/** glibc's strerror texts for the errno values hook discovery and execve can produce. */
const MESSAGES: Readonly<Record<string, string>> = {
  EACCES: 'Permission denied',
  ENOENT: 'No such file or directory',
  ENOEXEC: 'Exec format error',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
  ETXTBSY: 'Text file busy',
  E2BIG: 'Argument list too long',
  ENOMEM: 'Cannot allocate memory',
  EPERM: 'Operation not permitted',
  EINVAL: 'Invalid argument',
  EIO: 'Input/output error',
  EMFILE: 'Too many open files',
  ENFILE: 'Too many open files in system',
  ELIBBAD: 'Accessing a corrupted shared library',
};

/** strerror(3) for an errno name (`EACCES` -> `Permission denied`); the name itself when unknown. */
export function strerror(errnoName: string): string {
  return MESSAGES[errnoName] ?? errnoName;
}
