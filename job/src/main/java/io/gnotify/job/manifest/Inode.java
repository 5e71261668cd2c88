package io.gnotify.job.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the namespace knows of one inode: its type and its names (hard links), in a stable order. */
public record Inode(FileType type, List<Link> links) {
    public Inode {
        List<Link> sorted = new ArrayList<>(links);
        Collections.sort(sorted);
        links = List.copyOf(sorted);
    }

    /** {@code inode}, or null when it is null or has no names left: a namespace store holds no unlinked inode. */
    static Inode linkedOrNull(Inode inode) {
        return inode == null || inode.links().isEmpty() ? null : inode;
    }

    public Inode withLink(Link l) {
        List<Link> next = new ArrayList<>(links);
        if (!next.contains(l)) {
            next.add(l);
        }
        return new Inode(type, next);
    }

    public Inode withoutLink(Link l) {
        List<Link> next = new ArrayList<>(links);
        next.remove(l);
        return new Inode(type, next);
    }
}
