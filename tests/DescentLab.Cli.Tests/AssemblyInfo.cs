// Some tests set the working directory, which is process-wide, to check the default output folder.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
