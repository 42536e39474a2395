// Lambda entry for the matcher function (being written)
export const handler = async (): Promise<void> => {};
