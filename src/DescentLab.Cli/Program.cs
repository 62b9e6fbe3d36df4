Console.WriteLine("descentlab");
