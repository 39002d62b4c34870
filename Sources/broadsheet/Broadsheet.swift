import ArgumentParser

@main
struct Broadsheet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broadsheet",
        abstract: "A news publishing platform for a multilingual newspaper.",
        discussion: """
            Every option can also be set in the environment (BROADSHEET_*, named in each command's help); \
            the command line wins over the environment, which wins over the defaults.
            """,
        subcommands: [
            Serve.self, Migrate.self, SeedDemo.self, User.self, AuthorCommand.self, Backup.self, Restore.self, Copy.self, Reindex.self, Generate.self,
        ]
    )
}
