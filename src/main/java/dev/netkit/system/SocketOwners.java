package dev.netkit.system;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which processes hold which sockets: every /proc/PID/fd/N that links to "socket:[INODE]".
 * Processes we may not look into (other users' without root) are skipped, as ss does.
 */
public final class SocketOwners {
    private final Path procRoot;

    public SocketOwners(Path procRoot) {
        this.procRoot = procRoot;
    }

    /** Socket inode to the processes (pid, comm, fd) holding it, pids in ascending order. */
    public Map<Long, List<SocketEntry.SocketOwner>> scan() {
        Map<Long, List<SocketEntry.SocketOwner>> byInode = new HashMap<>();
        List<Integer> pids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(procRoot)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && name.length() < 10) {
                    pids.add(Integer.parseInt(name));
                }
            }
        } catch (IOException e) {
            return byInode;
        }
        pids.sort(null);
        for (int pid : pids) {
            Path fdDir = procRoot.resolve(pid + "/fd");
            String comm = null;
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
                for (Path fd : fds) {
                    long inode = socketInode(fd);
                    if (inode < 0) {
                        continue;
                    }
                    if (comm == null) {
                        comm = comm(pid);
                    }
                    int fdNum;
                    try {
                        fdNum = Integer.parseInt(fd.getFileName().toString());
                    } catch (NumberFormatException e) {
                        continue;
                    }
                    byInode.computeIfAbsent(inode, k -> new ArrayList<>())
                            .add(new SocketEntry.SocketOwner(pid, comm, fdNum));
                }
            } catch (IOException | SecurityException e) {
                // process gone, or not ours to look into
            }
        }
        byInode.values().forEach(l -> l.sort((a, b) -> a.pid() != b.pid()
                ? Integer.compare(a.pid(), b.pid()) : Integer.compare(a.fd(), b.fd())));
        return byInode;
    }

    private static long socketInode(Path fd) {
        String target;
        try {
            target = Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException e) {
            // recorded trees store the link text in a plain file
            try {
                target = Files.isRegularFile(fd) ? Files.readString(fd).strip() : "";
            } catch (IOException e2) {
                return -1;
            }
        }
        if (!target.startsWith("socket:[") || !target.endsWith("]")) {
            return -1;
        }
        try {
            return Long.parseLong(target.substring(8, target.length() - 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String comm(int pid) {
        try {
            return Files.readString(procRoot.resolve(pid + "/comm")).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
