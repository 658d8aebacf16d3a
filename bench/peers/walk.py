"""What both Python peers share: the files under a folder, in a fixed order."""
import os


def files_under(root):
    """Every file below `root`, folders and names sorted."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            yield os.path.join(dirpath, name)
